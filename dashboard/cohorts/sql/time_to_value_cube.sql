-- The time-to-value cube: every account's MRR at every age, summed per deployment levels
-- (time_to_value_levels.sql) and the filters the cube can answer (segment, region, first product),
-- so that the curves at any threshold on the 5% grid are one small sum.
-- Built once per dataset version and as-of month from $cohort_accounts and $time_to_value_levels.
-- Grain: one row per level_01, level_23, level_all (0: never reached), segment, region,
-- first_product and age in months with accounts.
-- Columns: level_01, level_23, level_all, segment, region, first_product, age, accounts (accounts
-- observed at the age), active_accounts (MRR > 0), start_mrr (their MRR at age 0), mrr (at the age).
with

-- every paying account at every age it has reached, with its levels (none: 0)
account_ages as (
    select coalesce(l.level_01, 0) as level_01, coalesce(l.level_23, 0) as level_23,
           coalesce(l.level_all, 0) as level_all, a.segment, a.region, a.first_product, a.start_mrr,
           unnest(range(len(a.mrr_by_age))) as age, unnest(a.mrr_by_age) as mrr
    from query_table($cohort_accounts) as a
    left join query_table($time_to_value_levels) as l on l.account_id = a.account_id
),

final as (
    select level_01, level_23, level_all, segment, region, first_product, cast(age as integer) as age,
           count(*) as accounts, count(case when mrr > 0 then 1 end) as active_accounts,
           sum(start_mrr) as start_mrr, sum(mrr) as mrr
    from account_ages
    group by level_01, level_23, level_all, segment, region, first_product, age
)

select * from final order by level_all, level_23, level_01, segment, region, first_product, age
