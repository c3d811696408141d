-- Data check input: the churn_reasons accounts that paid in some month through the as-of month.
-- Grain: one row per such account. Columns: account_id.
with

final as (
    select distinct account_id
    from query_table($grid)
    where mrr > 0 and account_id in (select account_id from churn_reasons)
)

select * from final
