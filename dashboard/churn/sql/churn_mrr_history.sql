-- MRR of each churned account over the months before its churn.
-- Grain: one row per churn movement whose month M is in the window ($start < M <= $end) and month
-- from M - $months through M (the churn month itself, with MRR 0, closes the line).
-- Columns: account_id, churn_month, month, months_before (0 = churn month, -1 = month before, ...), mrr.
with

-- churn movements in the window (account_month_movements.sql)
churns as (
    select account_id, month as churn_month
    from query_table($movements)
    where category = 'churn' and month > $start and month <= $end
),

-- the dense account-month grid (months before the first paying month are simply absent)
grid as (
    select account_id, month, mrr from query_table($grid)
),

-- the grid rows within $months of each churn
final as (
    select
        c.account_id,
        c.churn_month,
        g.month,
        date_diff('month', c.churn_month, g.month) as months_before,
        g.mrr
    from churns as c
    join grid as g
        on g.account_id = c.account_id
       and g.month <= c.churn_month
       and g.month >= c.churn_month - to_months(cast($months as integer))
)

select * from final
order by churn_month, account_id, month
