-- The version's churn_reasons rows (the source churn_matching.sql reads through query($reasons)).
-- Grain: one row per churn_reasons row. Columns: the canonical churn_reasons columns.
select
    account_id, cast(churn_date as date) as churn_date, primary_reason, secondary_reason, competitor, notes,
    preventable, budget_ok, authority_ok, needs_ok, timeframe_ok, competitor_ok
from churn_reasons
