-- The values the cohort filters offer.
-- Grain: one row per filter dimension (segment, csm, region, first_product) and value.
-- Columns: dimension, value ("(none)" for an empty value), accounts (paying accounts with it).
with

-- months as numbers so that "k months later" is an addition
account_month as (
    select account_id, month, mrr, extract(year from month) * 12 + extract(month from month) - 1 as month_number
    from query_table($grid)
),

-- the grid starts at each account's first paying month: that month is its cohort month
first_months as (
    select account_id, min(month_number) as first_number, min(month) as first_month,
           arg_min(mrr, month_number) as start_mrr
    from account_month
    group by account_id
),

-- the first product is the one with the most MRR in the first paying month (ties: by name)
first_products as (
    select account_id, product
    from (
        select p.account_id, p.product,
               row_number() over (partition by p.account_id order by p.mrr desc, p.product) as rank
        from query_table($product_grid) as p
        join first_months as f on f.account_id = p.account_id and f.first_month = p.month
        where p.mrr > 0
    ) as ranked
    where rank = 1
),

-- the attributes the filters look at; an empty value is "(none)", as on the NRR page
attributes as (
    select f.account_id, f.first_number, f.first_month, f.start_mrr,
           coalesce(nullif(trim(a.segment), ''), '(none)') as segment,
           coalesce(nullif(trim(a.csm), ''), '(none)') as csm,
           coalesce(nullif(trim(a.region), ''), '(none)') as region,
           coalesce(p.product, '(none)') as first_product
    from first_months as f
    left join accounts as a on a.account_id = f.account_id
    left join first_products as p on p.account_id = f.account_id
),

-- one long list of dimension and value
final as (
    select 'segment' as dimension, segment as value, count(*) as accounts from attributes group by segment
    union all
    select 'csm', csm, count(*) from attributes group by csm
    union all
    select 'region', region, count(*) from attributes group by region
    union all
    select 'first_product', first_product, count(*) from attributes group by first_product
)

select * from final order by dimension, value
