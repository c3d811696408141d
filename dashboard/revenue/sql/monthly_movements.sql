-- Monthly MRR movements: the revenue bridge of every month.
-- Grain: one row per month, from the first month with MRR through the as-of month.
-- Columns: month, starting_mrr, new, reactivation, expansion, contraction, churn, ending_mrr
-- (exact decimals; contraction and churn are amounts lost, positive), new_accounts,
-- reactivated_accounts, expanded_accounts, contracted_accounts, churned_accounts.
-- starting + new + reactivation + expansion - contraction - churn = ending holds exactly, because
-- every account contributes previous_mrr + its movement = mrr.
with

-- one row per account and month with its category (account_month_movements.sql)
movements as (
    select month, previous_mrr, mrr, category from query_table($movements)
),

-- sum the categories per month; the grid is dense, so every month has rows
final as (
    select
        month,
        sum(previous_mrr) as starting_mrr,
        sum(case when category = 'new' then mrr else 0 end) as "new",
        sum(case when category = 'reactivation' then mrr else 0 end) as reactivation,
        sum(case when category = 'expansion' then mrr - previous_mrr else 0 end) as expansion,
        sum(case when category = 'contraction' then previous_mrr - mrr else 0 end) as contraction,
        sum(case when category = 'churn' then previous_mrr else 0 end) as churn,
        sum(mrr) as ending_mrr,
        count(case when category = 'new' then 1 end) as new_accounts,
        count(case when category = 'reactivation' then 1 end) as reactivated_accounts,
        count(case when category = 'expansion' then 1 end) as expanded_accounts,
        count(case when category = 'contraction' then 1 end) as contracted_accounts,
        count(case when category = 'churn' then 1 end) as churned_accounts
    from movements
    group by month
)

select * from final order by month
