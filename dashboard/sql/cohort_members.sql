-- The accounts behind one cell of the cohort matrix (its drill-down).
-- Grain: one row per account of cohort $cohort (filters as in cohort_retention.sql) at age $age.
-- Columns: account_id, account_name, segment, csm, region, first_product, first_month,
-- start_mrr (MRR in the first paying month), mrr (MRR at the age; absent from the grid when the
-- age is beyond the as-of month, then null), active (MRR > 0 at the age).
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

-- the accounts the filters keep, with their cohort label
members as (
    select account_id, first_number, first_month, start_mrr, segment, csm, region, first_product,
           case when $step = 3
                then cast(extract(year from first_month) as varchar) || '-Q' || cast(extract(quarter from first_month) as varchar)
                else strftime(first_month, '%Y-%m') end as cohort
    from attributes
    where (len(cast($segments as varchar[])) = 0 or list_contains(cast($segments as varchar[]), segment))
      and (len(cast($csms as varchar[])) = 0 or list_contains(cast($csms as varchar[]), csm))
      and (len(cast($regions as varchar[])) = 0 or list_contains(cast($regions as varchar[]), region))
      and (len(cast($products as varchar[])) = 0 or list_contains(cast($products as varchar[]), first_product))
),

-- the members of the cohort asked for, with their MRR at the age asked for
final as (
    select m.account_id, a.account_name, m.segment, m.csm, m.region, m.first_product, m.first_month,
           m.start_mrr, g.mrr, coalesce(g.mrr > 0, false) as active
    from members as m
    left join accounts as a on a.account_id = m.account_id
    left join account_month as g on g.account_id = m.account_id and g.month_number = m.first_number + $age * $step
    where m.cohort = $cohort
)

select * from final order by mrr desc nulls last, account_id
