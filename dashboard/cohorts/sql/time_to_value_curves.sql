-- Net revenue retention curves by time-to-value group: how fast accounts reach full deployment
-- (active users / seats >= $threshold) against how their revenue holds up.
-- Grain: one row per group (0-1, 2-3, 4+ months, never) and age in months (since each account's
-- first paid month) that at least one account of the group has reached by the as-of month.
-- Columns: value_group, age, accounts (accounts observed at that age), active_accounts (MRR > 0),
-- start_mrr (their MRR in their first paid month), mrr (their MRR at the age), net_retention.
-- Pooled over accounts observed at each age, so a young cohort never counts as a zero.
-- The accounts and their groups are time_to_value_accounts.sql's.
with

-- months as numbers so that "k months later" is an addition
account_month as (
    select account_id, mrr, extract(year from month) * 12 + extract(month from month) - 1 as month_number
    from query_table($grid)
),

-- each account's group and first paid month (as a number)
timed as (
    select account_id, value_group, start_mrr,
           extract(year from first_month) * 12 + extract(month from first_month) - 1 as first_number
    from query_table($ref_time_to_value_accounts)
),

-- every account's MRR at each age it has reached (the grid ends at the as-of month)
ages as (
    select t.value_group, t.account_id, cast(g.month_number - t.first_number as integer) as age,
           g.mrr, t.start_mrr
    from timed as t
    join account_month as g on g.account_id = t.account_id
),

-- pooled sums per group and age
final as (
    select value_group, age, count(*) as accounts, count(case when mrr > 0 then 1 end) as active_accounts,
           sum(start_mrr) as start_mrr, sum(mrr) as mrr,
           cast(sum(mrr) as double) / cast(sum(start_mrr) as double) as net_retention
    from ages
    group by value_group, age
)

select * from final order by value_group, age
