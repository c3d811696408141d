-- The accounts behind one cell of the cohort matrix (its drill-down), read from $cohort_accounts
-- (cohort_accounts.sql: one row per paying account with its MRR at every age).
-- Grain: one row per account of cohort $cohort (YYYY-MM, or YYYY-Qn when $step = 3) kept by the
-- filters (as in cohort_retention.sql) at age $age.
-- Columns: account_id, account_name, segment, csm, region, first_product, first_month,
-- start_mrr (MRR in the first paying month), mrr (MRR at the age; null when the account has not
-- reached it by the as-of month), active (MRR > 0 at the age).
with

-- the cohort's first months as numbers: one month, or the three months of a quarter
span as (
    select case when $step = 3
                then try_cast(substr($cohort, 1, 4) as integer) * 12 + (try_cast(substr($cohort, 7, 1) as integer) - 1) * 3
                else try_cast(substr($cohort, 1, 4) as integer) * 12 + try_cast(substr($cohort, 6, 2) as integer) - 1
           end as first_number
),

-- the members the filters keep, with their MRR at the age (lists count from 1; past the end is null)
members as (
    select a.*, a.mrr_by_age[$age * $step + 1] as mrr
    from query_table($cohort_accounts) as a
    cross join span as s
    where a.first_number between s.first_number and s.first_number + $step - 1
      and (len(cast($segments as varchar[])) = 0 or list_contains(cast($segments as varchar[]), a.segment))
      and (len(cast($csms as varchar[])) = 0 or list_contains(cast($csms as varchar[]), a.csm))
      and (len(cast($regions as varchar[])) = 0 or list_contains(cast($regions as varchar[]), a.region))
      and (len(cast($products as varchar[])) = 0 or list_contains(cast($products as varchar[]), a.first_product))
),

final as (
    select account_id, account_name, segment, csm, region, first_product, first_month, start_mrr, mrr,
           coalesce(mrr > 0, false) as active
    from members
)

select * from final order by mrr desc nulls last, account_id
