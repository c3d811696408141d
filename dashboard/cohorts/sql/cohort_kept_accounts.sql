-- The paying accounts the cohort filters keep, each with its cohort: the chain cohort_retention.sql
-- and time_to_value_accounts.sql read (time_to_value_curves.sql through the latter), so the triangle
-- and the time-to-value groups count the same accounts.
-- Grain: one row per account with MRR > 0 by the as-of month (the last month of $grid) whose segment,
-- CSM, region and first product are in $segments, $csms, $regions, $products (lists, empty = all;
-- "(none)" matches an empty value).
-- Columns: account_id, segment, first_month (the cohort month), first_number (first_month as months
-- since year 0), start_mrr (MRR in the first paying month), cohort (YYYY-MM, or YYYY-Qn when
-- $step = 3), last_month (the as-of month), last_number (the as-of month as a number).
with

-- months as numbers so that "k months later" is an addition
account_month as (
    select account_id, month, mrr, extract(year from month) * 12 + extract(month from month) - 1 as month_number
    from query_table($grid)
),

-- the grid runs to the as-of month for every account, so its last month is the as-of month
bounds as (
    select max(month) as last_month, max(month_number) as last_number from account_month
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
        -- only needed to filter by first product: skipped otherwise (the largest join here)
        where p.mrr > 0 and len(cast($products as varchar[])) > 0
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
final as (
    select t.account_id, t.segment, t.first_month, cast(t.first_number as integer) as first_number, t.start_mrr,
           case when $step = 3
                then cast(extract(year from t.first_month) as varchar) || '-Q' || cast(extract(quarter from t.first_month) as varchar)
                else strftime(t.first_month, '%Y-%m') end as cohort,
           b.last_month, cast(b.last_number as integer) as last_number
    from attributes as t
    cross join bounds as b
    where (len(cast($segments as varchar[])) = 0 or list_contains(cast($segments as varchar[]), t.segment))
      and (len(cast($csms as varchar[])) = 0 or list_contains(cast($csms as varchar[]), t.csm))
      and (len(cast($regions as varchar[])) = 0 or list_contains(cast($regions as varchar[]), t.region))
      and (len(cast($products as varchar[])) = 0 or list_contains(cast($products as varchar[]), t.first_product))
)

select * from final
