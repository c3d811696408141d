-- Rows of the kept churned accounts' health measures $rows (churn_health_rows.sql) that lie from $months
-- to $nearest months before a churn of the window $start < churn month <= $end (churns from the churn MRR
-- history $history, churn_mrr_history.sql): the rows "health before the churn" scores, and no others.
-- Grain and columns: those of churn_health_rows.sql (a row before two churns of one account is there once).
with

-- the window's churns (months_before 0 is the churn month)
churns as (
    select account_id, churn_month from query_table($history)
    where months_before = 0 and churn_month > $start and churn_month <= $end
),

final as (
    select * from query_table($rows) as r
    where exists (select 1 from churns as c
                  where c.account_id = r.account_id
                    and r.month <= cast(c.churn_month - to_months(cast($nearest as integer)) as date)
                    and r.month >= cast(c.churn_month - to_months(cast($months as integer)) as date))
)

select * from final
