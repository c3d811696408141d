-- Account-month movements (the mrr-playbook's lag-and-category step).
-- Grain: one row per account and month of the account-month MRR grid named by $grid (from the
-- account's first paying month through the as-of month).
-- Columns: account_id, month (date, first day), previous_mrr, mrr, change (mrr - previous_mrr),
-- category ('new', 'reactivation', 'expansion', 'contraction', 'churn', or null for no movement).
with

-- the dense account-month grid built by account_month_mrr.sql
account_month as (
    select account_id, month, mrr from query_table($grid)
),

-- last month's MRR (0 before the first month) and whether the account paid in any earlier month
lagged as (
    select
        account_id,
        month,
        coalesce(lag(mrr) over by_account, 0) as previous_mrr,
        mrr,
        coalesce(max(case when mrr > 0 then 1 else 0 end) over (
            by_account rows between unbounded preceding and 1 preceding), 0) as paid_before
    from account_month
    window by_account as (partition by account_id order by month)
),

-- the category exactly as PRODUCT.md defines it, with p = previous_mrr and c = mrr
final as (
    select
        account_id,
        month,
        previous_mrr,
        mrr,
        mrr - previous_mrr as change,
        case
            when previous_mrr = 0 and mrr > 0 and paid_before = 0 then 'new'
            when previous_mrr = 0 and mrr > 0 then 'reactivation'
            when previous_mrr > 0 and mrr > previous_mrr then 'expansion'
            when previous_mrr > 0 and mrr > 0 and mrr < previous_mrr then 'contraction'
            when previous_mrr > 0 and mrr = 0 then 'churn'
        end as category
    from lagged
)

select * from final
