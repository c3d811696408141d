-- The values the cohort filters offer, read from $cohort_accounts (cohort_accounts.sql): kept with the
-- dataset version and as-of month, and read by cohort_filter_list.sql.
-- Grain: one row per filter dimension (segment, csm, region, first_product) and value.
-- Columns: dimension, value ("(none)" for an empty value), accounts (paying accounts with it).
with

-- one long list of dimension and value
final as (
    select 'segment' as dimension, segment as value, count(*) as accounts from query_table($cohort_accounts) group by segment
    union all
    select 'csm', csm, count(*) from query_table($cohort_accounts) group by csm
    union all
    select 'region', region, count(*) from query_table($cohort_accounts) group by region
    union all
    select 'first_product', first_product, count(*) from query_table($cohort_accounts) group by first_product
)

select * from final order by dimension, value
