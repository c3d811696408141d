-- The cohort cube: every cohort cell split by the filters the cube can answer (segment, region,
-- first product); the matrix, its averages and the quarter grain are small sums over it.
-- Built once per dataset version and as-of month from $cohort_accounts (cohort_accounts.sql).
-- Grain: one row per cohort month, age in months, segment, region and first product with accounts.
-- Columns: first_month, first_number, last_number (the as-of month as a number), age, segment,
-- region, first_product, accounts (accounts observed at the age: all of the cell's cohort),
-- active_accounts (MRR > 0 at the age), start_mrr (their MRR at age 0), mrr (at the age),
-- floor_mrr (sum of min(MRR at the age, MRR at age 0): gross retention's numerator).
with

-- every account at every age it has reached (the list runs to the as-of month)
account_ages as (
    select first_month, first_number, last_number, segment, region, first_product, start_mrr,
           unnest(range(len(mrr_by_age))) as age, unnest(mrr_by_age) as mrr
    from query_table($cohort_accounts)
),

-- sums per cell and filter combination
final as (
    select first_month, first_number, last_number, cast(age as integer) as age, segment, region, first_product,
           count(*) as accounts, count(case when mrr > 0 then 1 end) as active_accounts,
           sum(start_mrr) as start_mrr, sum(mrr) as mrr, sum(least(mrr, start_mrr)) as floor_mrr
    from account_ages
    group by first_month, first_number, last_number, age, segment, region, first_product
)

-- in cohort order, so that a filtered read skips whole blocks
select * from final order by first_number, age, segment, region, first_product
