-- Contract terms still to run after the as-of month $as_of: subscriptions whose last day of service
-- lies after it. Only these are known in advance; an end date already passed is a churn the data
-- recorded, and reading it back into earlier months would let the health score see the future.
-- Grain: one row per subscription ending after the as-of month.
-- Columns: account_id (text), start_date (date), end_month (date, first day of the end date's month).
with

final as (
    select account_id, start_date, cast(date_trunc('month', end_date) as date) as end_month
    from subscriptions
    where end_date > cast($as_of + interval '1' month - interval '1' day as date)
      and start_date is not null and mrr > 0
)

select * from final
