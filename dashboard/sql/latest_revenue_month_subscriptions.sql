-- The latest month the subscriptions table mentions.
-- Grain: one row. Columns: latest_month (date, first day of the month of the latest start_date or
-- end_date; null when the table is empty).
with

-- the last start and the last day of service: either can be the newest fact the data holds
edges as (
    select max(start_date) as latest_date from subscriptions
    union all
    select max(end_date) as latest_date from subscriptions
),

-- the month that date falls in
final as (
    select cast(date_trunc('month', max(latest_date)) as date) as latest_month
    from edges
)

select * from final
