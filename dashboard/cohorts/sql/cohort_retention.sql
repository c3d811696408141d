-- Cohort retention matrix: logo, net and gross revenue retention by cohort and age.
-- Grain: one row per cohort and age that every account of the cohort has reached by the as-of month
-- (the last month of $grid); later cells are absent, never 0.
-- Columns: cohort (YYYY-MM, or YYYY-Qn when $step = 3), age (months, or quarters when $step = 3),
-- cohort_accounts, cohort_mrr (the cohort's MRR in each account's first paying month), accounts
-- (active: MRR > 0 at that age), mrr, logo_retention, net_retention, gross_retention.
-- An account's age k is $step * k months after its own first paying month, so age 0 is always
-- 100% for logo and net retention, also for quarter cohorts.
-- The accounts, their cohorts and the filters are cohort_kept_accounts.sql's.
with

-- months as numbers so that "k months later" is an addition
account_month as (
    select account_id, mrr, extract(year from month) * 12 + extract(month from month) - 1 as month_number
    from query_table($grid)
),

-- every kept account's MRR at each age, next to its MRR at age 0 (the gross-retention cap)
ages as (
    select m.cohort, m.account_id, cast((g.month_number - m.first_number) / $step as integer) as age,
           g.mrr, m.start_mrr
    from query_table($ref_cohort_kept_accounts) as m
    join account_month as g on g.account_id = m.account_id
    where (g.month_number - m.first_number) % $step = 0
),

-- cohort size, and the last first month in it: a cell is observed once that account reaches the age
cohorts as (
    select cohort, count(*) as cohort_accounts, sum(start_mrr) as cohort_mrr, max(first_number) as last_start,
           max(last_number) as last_number
    from query_table($ref_cohort_kept_accounts)
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
    where k.last_start + c.age * $step <= k.last_number
)

select * from final order by cohort, age
