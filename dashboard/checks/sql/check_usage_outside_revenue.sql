-- Data check: usage rows of paying accounts in months outside the account's revenue months (before its
-- first or after its last month with MRR > 0).
-- Grain: one row. Columns: problems (usage rows), accounts (distinct account_ids), example_account,
--   example_month (the earliest such row of the smallest account_id), first_month, last_month (that
--   account's revenue months).
with

-- the revenue months range of each account that paid
revenue_months as (
    select account_id, min(month) as first_month, max(month) as last_month
    from query_table($grid)
    where mrr > 0
    group by account_id
),

-- usage rows of those accounts outside their range
outside as (
    select u.account_id, cast(date_trunc('month', u.month) as date) as month, r.first_month, r.last_month
    from usage as u
    join revenue_months as r on r.account_id = u.account_id
    where cast(date_trunc('month', u.month) as date) < r.first_month
       or cast(date_trunc('month', u.month) as date) > r.last_month
),

-- the row shown as the example
example as (
    select * from outside order by account_id, month limit 1
),

final as (
    select
        (select count(*) from outside) as problems,
        (select count(distinct account_id) from outside) as accounts,
        e.account_id as example_account,
        e.month as example_month,
        e.first_month,
        e.last_month
    from (select 1) as one
    left join example as e on true
)

select * from final
