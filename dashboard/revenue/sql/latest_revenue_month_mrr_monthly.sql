-- The latest month the mrr_monthly table mentions.
-- Grain: one row. Columns: latest_month (date, first day of the latest month; null when the table
-- is empty).
with

-- month may hold any date in the month, so truncate before comparing
final as (
    select cast(date_trunc('month', max(month)) as date) as latest_month
    from mrr_monthly
)

select * from final
