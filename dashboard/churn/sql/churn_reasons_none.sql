-- No churn_reasons table in this version: no rows, same columns and types as churn_reasons_recorded.sql.
-- Grain: none. Columns: the canonical churn_reasons columns.
select
    cast(null as varchar) as account_id, cast(null as date) as churn_date, cast(null as varchar) as primary_reason,
    cast(null as varchar) as secondary_reason, cast(null as varchar) as competitor, cast(null as varchar) as notes,
    cast(null as boolean) as preventable, cast(null as boolean) as budget_ok, cast(null as boolean) as authority_ok,
    cast(null as boolean) as needs_ok, cast(null as boolean) as timeframe_ok, cast(null as boolean) as competitor_ok
where false
