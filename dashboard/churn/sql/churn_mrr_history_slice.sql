-- The rows of the materialised churn MRR history $history (churn_mrr_history.sql over every churn through
-- the as-of month, 12 months back) for the churns of the window $start < churn month <= $end, from
-- $months months before each churn (0: the churn months alone).
-- Grain and columns: those of churn_mrr_history.sql.
with

-- a window's churns out of the book's whole history, built once per version
final as (
    select * from query_table($history)
    where churn_month > $start and churn_month <= $end and months_before >= -cast($months as integer)
)

select * from final
order by churn_month, account_id, month
