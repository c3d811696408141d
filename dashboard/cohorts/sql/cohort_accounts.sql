-- The paying accounts of the cohort pages, each with its cohort, the attributes the filters look at
-- and its MRR at every age; built once per dataset version and as-of month so that the cohort
-- queries read 1 row per account (and cohort_cube.sql) instead of the account-month grid.
-- Grain: one row per account with MRR > 0 by the as-of month (the accounts of $grid).
-- Columns: account_id, account_name, segment, csm, region, first_product ("(none)" for an empty
-- value), first_month (cohort month), first_number (first_month as months since year 0),
-- last_number (the as-of month as a number), start_mrr (MRR at age 0), mrr_by_age (MRR at ages
-- 0, 1, 2, ... through the as-of month, in order: the grid is dense), last_mrr (MRR in the as-of month),
-- account_rank (1, 2, ... in account_id order: sorting by it is sorting by account_id, but cheaper).
with

-- months as numbers so that "k months later" is an addition
account_month as (
    select account_id, month, mrr, extract(year from month) * 12 + extract(month from month) - 1 as month_number
    from query_table($grid)
),

-- the grid runs to the as-of month for every account, so its last month is the as-of month
bounds as (
    select max(month_number) as last_number from account_month
),

-- the grid starts at each account's first paying month: that month is its cohort month
first_months as (
    select account_id, min(month_number) as first_number, min(month) as first_month,
           arg_min(mrr, month_number) as start_mrr, arg_max(mrr, month_number) as last_mrr,
           list(mrr order by month_number) as mrr_by_age
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

-- names and the attributes the filters look at; an empty value is "(none)", as on the NRR page
final as (
    select f.account_id, a.account_name,
           coalesce(nullif(trim(a.segment), ''), '(none)') as segment,
           coalesce(nullif(trim(a.csm), ''), '(none)') as csm,
           coalesce(nullif(trim(a.region), ''), '(none)') as region,
           coalesce(p.product, '(none)') as first_product,
           f.first_month, cast(f.first_number as integer) as first_number,
           cast(b.last_number as integer) as last_number, f.start_mrr, f.mrr_by_age, f.last_mrr,
           row_number() over (order by f.account_id) as account_rank
    from first_months as f
    cross join bounds as b
    left join accounts as a on a.account_id = f.account_id
    left join first_products as p on p.account_id = f.account_id
)

-- in cohort order, so that one cohort's accounts sit together
select * from final order by first_number, account_id
