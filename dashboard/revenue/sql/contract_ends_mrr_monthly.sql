-- Contract terms of an mrr_monthly revenue table: none (a monthly revenue export has no end dates).
-- Grain: none (empty). Columns: account_id (text), start_date (date), end_month (date).
with

final as (
    select cast(null as varchar) as account_id, cast(null as date) as start_date, cast(null as date) as end_month
    where false
)

select * from final
