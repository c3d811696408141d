-- Health measures of the accounts that churn in the months $start < M <= $end, in the months $first to
-- $last: the rows the Churn page scores for "health before the churn", kept once per version so a
-- window reads a few hundred thousand rows instead of picking its accounts out of the whole book's.
-- Grain: one row per such account and month with MRR > 0 (see health_measures.sql).
-- Columns: every column of health_measures.sql (account_id, month, mrr, each measure, its _pct).
with

-- the accounts with a churn movement in the span (churn_mrr_history.sql: months_before 0 is the churn)
churned as (
    select distinct account_id from query_table($history)
    where months_before = 0 and churn_month > $start and churn_month <= $end
),

-- their ranked rows (percentiles were ranked among every paying account when $measures was built)
final as (
    select * from query_table($measures)
    where month between $first and $last
      and account_id in (select account_id from churned)
)

select * from final
order by account_id, month
