-- Net revenue retention curves by time-to-value group, read from the time-to-value cube
-- (time_to_value_cube.sql): the same rows as time_to_value_curves.sql, which states the
-- definition, at threshold $level * 5% and for filters by segment, region and first product.
-- Grain: one row per group (0-1, 2-3, 4+ months, never) and age in months that at least one account
-- of the group has reached by the as-of month.
-- Columns: value_group, age, accounts, active_accounts, start_mrr, mrr, net_retention.
with

-- the cube cells the filters keep, with the group their levels put them in at this threshold
grouped as (
    select case when level_01 >= $level then '0-1'
                when level_23 >= $level then '2-3'
                when level_all >= $level then '4+'
                else 'never' end as value_group,
           age, accounts, active_accounts, start_mrr, mrr
    from query_table($time_to_value_cube)
    where (len(cast($segments as varchar[])) = 0 or list_contains(cast($segments as varchar[]), segment))
      and (len(cast($regions as varchar[])) = 0 or list_contains(cast($regions as varchar[]), region))
      and (len(cast($products as varchar[])) = 0 or list_contains(cast($products as varchar[]), first_product))
),

-- pooled sums per group and age
final as (
    select value_group, age, sum(accounts) as accounts, sum(active_accounts) as active_accounts,
           sum(start_mrr) as start_mrr, sum(mrr) as mrr,
           cast(sum(mrr) as double) / cast(sum(start_mrr) as double) as net_retention
    from grouped
    group by value_group, age
)

select * from final order by value_group, age
