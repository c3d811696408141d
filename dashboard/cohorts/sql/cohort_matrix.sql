-- Cohort retention matrix read from the cohort cube (cohort_cube.sql): the same rows as
-- cohort_retention.sql, which states the definition, for filters by segment, region and first
-- product (a CSM filter runs cohort_retention.sql, as the cube does not split by CSM).
-- Grain: one row per cohort and age that every account of the cohort has reached by the as-of month.
-- Columns: cohort (YYYY-MM, or YYYY-Qn when $step = 3), age (months, or quarters), cohort_accounts,
-- cohort_mrr, accounts, mrr, logo_retention, net_retention, gross_retention.
with

-- the cube cells the filters keep, at the ages of the grain, with their cohort label
kept as (
    select case when $step = 3
                then cast(extract(year from first_month) as varchar) || '-Q' || cast(extract(quarter from first_month) as varchar)
                else strftime(first_month, '%Y-%m') end as cohort,
           first_number, last_number, age // $step as age, accounts, active_accounts, start_mrr, mrr, floor_mrr
    from query_table($cohort_cube)
    where age % $step = 0
      and (len(cast($segments as varchar[])) = 0 or list_contains(cast($segments as varchar[]), segment))
      and (len(cast($regions as varchar[])) = 0 or list_contains(cast($regions as varchar[]), region))
      and (len(cast($products as varchar[])) = 0 or list_contains(cast($products as varchar[]), first_product))
),

-- cohort size (everyone is observed at age 0) and the last first month in it
cohorts as (
    select cohort, sum(accounts) as cohort_accounts, sum(start_mrr) as cohort_mrr, max(first_number) as last_start
    from kept
    where age = 0
    group by cohort
),

-- sums per cohort and age
cells as (
    select cohort, age, max(last_number) as last_number, sum(active_accounts) as accounts, sum(mrr) as mrr,
           sum(floor_mrr) as floor_mrr
    from kept
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
    where k.last_start + c.age * $step <= c.last_number
)

select * from final order by cohort, age
