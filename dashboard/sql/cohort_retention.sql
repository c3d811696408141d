-- Cohort retention matrix: logo, net and gross revenue retention by cohort and age.
-- Grain: one row per cohort and age that every account of the cohort has reached by the as-of month
-- (the last month of $grid); later cells are absent, never 0.
-- Columns: cohort (YYYY-MM, or YYYY-Qn when $step = 3), age (months, or quarters when $step = 3),
-- cohort_accounts, cohort_mrr (the cohort's MRR in each account's first paying month), accounts
-- (active: MRR > 0 at that age), mrr, logo_retention, net_retention, gross_retention.
-- An account's age k is $step * k months after its own first paying month, so age 0 is always
-- 100% for logo and net retention, also for quarter cohorts.
-- Filters ($segments, $csms, $regions, $products: lists, empty = all) keep accounts whose
-- segment, CSM, region or first product is in the list ("(none)" matches an empty value).
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
members as (
    select account_id, first_number, start_mrr,
           case when $step = 3
                then cast(extract(year from first_month) as varchar) || '-Q' || cast(extract(quarter from first_month) as varchar)
                else strftime(first_month, '%Y-%m') end as cohort
    from attributes
    where (len(cast($segments as varchar[])) = 0 or list_contains(cast($segments as varchar[]), segment))
      and (len(cast($csms as varchar[])) = 0 or list_contains(cast($csms as varchar[]), csm))
      and (len(cast($regions as varchar[])) = 0 or list_contains(cast($regions as varchar[]), region))
      and (len(cast($products as varchar[])) = 0 or list_contains(cast($products as varchar[]), first_product))
),

-- every member's MRR at each age, next to its MRR at age 0 (the gross-retention cap)
ages as (
    select m.cohort, m.account_id, cast((g.month_number - m.first_number) / $step as integer) as age,
           g.mrr, m.start_mrr
    from members as m
    join account_month as g on g.account_id = m.account_id
    where (g.month_number - m.first_number) % $step = 0
),

-- cohort size, and the last first month in it: a cell is observed once that account reaches the age
cohorts as (
    select cohort, count(*) as cohort_accounts, sum(start_mrr) as cohort_mrr, max(first_number) as last_start
    from members
    group by cohort
),

-- sums per cohort and age
cells as (
    select cohort, age, count(case when mrr > 0 then 1 end) as accounts, sum(mrr) as mrr,
           sum(least(mrr, start_mrr)) as floor_mrr
    from ages
    group by cohort, age
),

-- the ratios, only for ages the whole cohort has reached
final as (
    select c.cohort, c.age, k.cohort_accounts, k.cohort_mrr, c.accounts, c.mrr,
           cast(c.accounts as double) / k.cohort_accounts as logo_retention,
           cast(c.mrr as double) / cast(k.cohort_mrr as double) as net_retention,
           cast(c.floor_mrr as double) / cast(k.cohort_mrr as double) as gross_retention
    from cells as c
    join cohorts as k on k.cohort = c.cohort
    cross join bounds as b
    where k.last_start + c.age * $step <= b.last_number
)

select * from final order by cohort, age
