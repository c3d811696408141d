-- Account-month MRR from mrr_monthly.
-- Grain: one row per account and month, from the account's first month with MRR > 0 through the
-- as-of month ($as_of, first day of a month). Dense: a month without revenue is a row with mrr 0,
-- so churn and reactivation are visible.
-- Columns: account_id (text), month (date, first day), mrr (DECIMAL(38, 6)).
-- Rule (PRODUCT.md): the sum of mrr for the account and month (several rows, e.g. invoice lines,
-- are summed).
-- Plain standard SQL (recursive CTE, interval arithmetic) so this heavy aggregation can also run in
-- PostgreSQL or Spark.
with recursive

-- exact decimals, and month as its first day whatever date in the month the file gave
monthly_lines as (
    select account_id, cast(date_trunc('month', month) as date) as month, cast(mrr as decimal(38, 6)) as mrr
    from mrr_monthly
    where month is not null and mrr is not null
),

-- every month from the first one in the table to the as-of month
month_spine (month) as (
    select min(month) from monthly_lines
    union all
    select cast(month + interval '1' month as date) from month_spine where month < $as_of
),

-- the calendar, cut at the as-of month
months as (
    select month from month_spine where month <= $as_of
),

-- several rows of one account and month are summed
account_revenue as (
    select account_id, month, sum(mrr) as mrr
    from monthly_lines
    where month <= $as_of
    group by account_id, month
),

-- an account enters the grid in its first paying month
first_months as (
    select account_id, min(month) as first_month
    from account_revenue
    where mrr > 0
    group by account_id
),

-- dense grid so that a month without revenue shows as 0
final as (
    select f.account_id, m.month, cast(coalesce(r.mrr, 0) as decimal(38, 6)) as mrr
    from first_months as f
    join months as m on m.month >= f.first_month
    left join account_revenue as r on r.account_id = f.account_id and r.month = m.month
)

select * from final
