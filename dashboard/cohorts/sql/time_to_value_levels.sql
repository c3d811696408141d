-- Deployment levels per paying account, so that time to value at any threshold on the 5% grid
-- (5%, 10%, ... 100%: the page's slider) is a lookup instead of a pass over usage and the grid.
-- A month reaches level j when active_users >= (5 j / 100) * seats, exactly the comparison of
-- time_to_value_accounts.sql at threshold 5 j / 100, so both give the same months.
-- Built once per dataset version and as-of month from usage and $cohort_accounts.
-- Grain: one row per paying account with a month (up to the as-of month) at level 1 or more.
-- Columns: account_id, level_01, level_23, level_all (highest level reached by its 2nd paid month,
-- by its 4th, and by the as-of month; months before the first paid month count), steps (list of
-- (months, level) where the level first rose: months from the first paid month, 0 at the earliest).
with

-- the paid seats and active users of each account and month (several rows of a month are summed)
deployment as (
    select account_id, cast(date_trunc('month', month) as date) as month,
           sum(case when metric = 'active_users' then value end) as active_users,
           sum(case when metric = 'seats' then value end) as seats
    from usage
    where metric in ('active_users', 'seats') and value is not null and month is not null
    group by account_id, cast(date_trunc('month', month) as date)
),

-- months of paying accounts up to the as-of month, as months since the first paid month
paying as (
    select d.account_id, d.active_users, d.seats,
           extract(year from d.month) * 12 + extract(month from d.month) - 1 - a.first_number as months
    from deployment as d
    join query_table($cohort_accounts) as a on a.account_id = d.account_id
    where d.seats > 0 and extract(year from d.month) * 12 + extract(month from d.month) - 1 <= a.last_number
),

-- the highest level each month reaches: the estimate from the ratio, checked with the exact comparison
levels as (
    select account_id, months,
           coalesce(list_max(list_filter(
               list_transform([-1, 0, 1],
                              lambda d: cast(greatest(least(floor(active_users * 20 / seats), 21), -1) as integer) + d),
               lambda j: j between 1 and 20 and active_users >= (cast(5 * j as double) / 100) * seats)), 0) as level
    from paying
),

-- the months where an account's level first rose above everything before
rises as (
    select account_id, months, level
    from (
        select account_id, months, level,
               max(level) over (partition by account_id order by months
                                rows between unbounded preceding and 1 preceding) as before
        from levels
    ) as ordered
    where level > coalesce(before, 0)
),

final as (
    select account_id,
           coalesce(max(level) filter (where months <= 1), 0) as level_01,
           coalesce(max(level) filter (where months <= 3), 0) as level_23,
           max(level) as level_all,
           list({'months': greatest(months, 0), 'level': level} order by months) as steps
    from rises
    group by account_id
)

select * from final order by account_id
