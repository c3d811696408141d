-- Time to value per account at threshold $level * 5%, read from $cohort_accounts and the deployment
-- levels (time_to_value_levels.sql): the same rows as time_to_value_accounts.sql, which states the
-- definition, with every cohort filter.
-- Grain: one row per paying account kept by the cohort filters.
-- Columns: account_id, account_name, segment, first_month, start_mrr, months_to_value (null: never
-- reached by the as-of month), value_group (0-1, 2-3, 4+, never), mrr (MRR in the as-of month).
with

-- the accounts the filters keep, with the first month their level reached the threshold
timed as (
    select a.account_id, a.account_rank, a.account_name, a.segment, a.first_month, a.start_mrr, a.last_mrr,
           list_min(list_transform(list_filter(l.steps, lambda s: s.level >= $level), lambda s: s.months))
               as months_to_value
    from query_table($cohort_accounts) as a
    left join query_table($time_to_value_levels) as l on l.account_id = a.account_id
    where (len(cast($segments as varchar[])) = 0 or list_contains(cast($segments as varchar[]), a.segment))
      and (len(cast($csms as varchar[])) = 0 or list_contains(cast($csms as varchar[]), a.csm))
      and (len(cast($regions as varchar[])) = 0 or list_contains(cast($regions as varchar[]), a.region))
      and (len(cast($products as varchar[])) = 0 or list_contains(cast($products as varchar[]), a.first_product))
),

final as (
    select account_id, account_rank, account_name, segment, first_month, start_mrr, cast(months_to_value as integer) as months_to_value,
           case when months_to_value is null then 'never'
                when months_to_value <= 1 then '0-1'
                when months_to_value <= 3 then '2-3'
                else '4+' end as value_group,
           last_mrr as mrr
    from timed
)

-- by group, months and account_id: the groups follow months_to_value (never: null, last)
select * exclude (account_rank) from final order by months_to_value nulls last, account_rank
