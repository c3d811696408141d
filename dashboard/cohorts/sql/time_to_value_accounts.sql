-- Time to value per account: months from the first paid month until active users / seats first
-- reaches $threshold (usage metrics active_users and seats), bucketed into groups.
-- Grain: one row per paying account kept by the cohort filters (as in cohort_retention.sql).
-- Columns: account_id, account_name, segment, first_month, start_mrr, months_to_value (null: never
-- reached by the as-of month), value_group (0-1, 2-3, 4+, never), mrr (MRR in the as-of month).
-- The accounts and the filters are cohort_kept_accounts.sql's.
with

-- the paying accounts the filters keep, with their first paid month
members as (
    select * from query_table($ref_cohort_kept_accounts)
),

-- the paid seats and active users of each account and month (several rows of a month are summed)
deployment as (
    select account_id, cast(date_trunc('month', month) as date) as month,
           sum(case when metric = 'active_users' then value end) as active_users,
           sum(case when metric = 'seats' then value end) as seats
    from usage
    where metric in ('active_users', 'seats') and value is not null and month is not null
    group by account_id, cast(date_trunc('month', month) as date)
),

-- the first month (up to the as-of month) in which active users / seats reached the threshold
reached as (
    select d.account_id, min(extract(year from d.month) * 12 + extract(month from d.month) - 1) as value_number
    from deployment as d
    cross join (select max(last_number) as last_number from members) as b
    where d.seats > 0 and d.active_users >= $threshold * d.seats
      and extract(year from d.month) * 12 + extract(month from d.month) - 1 <= b.last_number
    group by d.account_id
),

-- months from the first paid month to full deployment (reaching it before paying counts as 0)
-- and the group that buckets it
timed as (
    select m.account_id, m.first_number, m.first_month, m.start_mrr, m.segment, m.last_month,
           case when r.value_number is not null then greatest(r.value_number - m.first_number, 0) end
               as months_to_value,
           case when r.value_number is null then 'never'
                when r.value_number - m.first_number <= 1 then '0-1'
                when r.value_number - m.first_number <= 3 then '2-3'
                else '4+' end as value_group
    from members as m
    left join reached as r on r.account_id = m.account_id
),

-- names and today's MRR for the drill-down
final as (
    select t.account_id, a.account_name, t.segment, t.first_month, t.start_mrr,
           cast(t.months_to_value as integer) as months_to_value, t.value_group, g.mrr
    from timed as t
    left join accounts as a on a.account_id = t.account_id
    left join query_table($grid) as g on g.account_id = t.account_id and g.month = t.last_month
)

select * from final order by value_group, months_to_value, account_id
