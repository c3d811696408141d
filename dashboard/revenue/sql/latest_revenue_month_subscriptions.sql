-- The latest month the subscriptions table mentions, moved one month on when a subscription's
-- last day of service is that month's last day (its churn falls in the next month).
-- Grain: one row. Columns: latest_month (date, first day of the month; null when the table is empty).
with

-- the last start and the last day of service: either can be the newest fact the data holds
edges as (
    select max(start_date) as latest_date from subscriptions
    union all
    select max(end_date) as latest_date from subscriptions
),

-- the month that date falls in
latest as (
    select cast(date_trunc('month', max(latest_date)) as date) as latest_month
    from edges
),

-- a subscription that runs through the last day of the latest month and stops there: MRR(latest) > 0
-- and MRR(latest + 1) = 0, so the churn the data records falls in the month after
ends_on_last_day as (
    select count(*) > 0 as churn_after
    from subscriptions, latest
    where end_date = last_day(latest.latest_month)
),

final as (
    select case when ends_on_last_day.churn_after
                then cast(latest.latest_month + interval 1 month as date)
                else latest.latest_month end as latest_month
    from latest, ends_on_last_day
)

select * from final
