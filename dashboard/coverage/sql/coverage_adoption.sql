-- Adoption at the as-of month: paying accounts whose seat utilisation reaches a threshold.
-- Grain: one row. Columns: paying_accounts, measured_accounts (paying, with active_users and seats > 0
-- in the month), adopted_accounts (measured, active_users / seats >= $threshold).
-- Parameters: $grid (account-month MRR), $month (as-of), $threshold (0-1).
with

-- the accounts the model covers: paying at the as-of month
paying as (
    select account_id
    from query_table($grid)
    where month = $month and mrr > 0
),

-- usage is long (one row per account, month and metric): the two metrics utilisation needs
seat_use as (
    select
        account_id,
        avg(case when metric = 'active_users' then value end) as active_users,
        avg(case when metric = 'seats' then value end) as seats
    from usage
    where date_trunc('month', month) = $month and metric in ('active_users', 'seats')
    group by account_id
),

-- utilisation per paying account (null when it has no usable seat count)
utilisation as (
    select
        p.account_id,
        case when s.seats > 0 and s.active_users is not null then s.active_users / s.seats end as seat_utilisation
    from paying as p
    left join seat_use as s on s.account_id = p.account_id
),

final as (
    select
        count(*) as paying_accounts,
        count(seat_utilisation) as measured_accounts,
        count(*) filter (where seat_utilisation >= $threshold) as adopted_accounts
    from utilisation
)

select * from final
