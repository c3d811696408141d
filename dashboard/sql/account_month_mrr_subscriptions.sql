-- Account-month MRR from subscriptions.
-- Grain: one row per account and month, from the account's first month with MRR > 0 through the
-- as-of month ($as_of, first day of a month). Dense: a month without revenue is a row with mrr 0,
-- so churn and reactivation are visible.
-- Columns: account_id (text), month (date, first day), mrr (DECIMAL(38, 6)).
-- Rule (PRODUCT.md): a subscription counts in month M when it runs on the last day of M, that is
-- start_date <= last day of M and (end_date is null or end_date >= last day of M).
-- Plain standard SQL (recursive CTE, interval arithmetic, no engine-specific functions) so this
-- heavy aggregation can also run in PostgreSQL or Spark.
with recursive

-- exact decimals: sums of money must not depend on the order rows are added in
subscription_periods as (
    select account_id, start_date, end_date, cast(mrr as decimal(38, 6)) as mrr
    from subscriptions
    where start_date is not null and mrr is not null
),

-- every month from the first start to the as-of month: the calendar accounts are laid on
month_spine (month) as (
    select cast(date_trunc('month', min(start_date)) as date) from subscription_periods
    union all
    select cast(month + interval '1' month as date) from month_spine where month < $as_of
),

-- the last day of each month is the day a subscription must be running on to count
months as (
    select month, cast(month + interval '1' month - interval '1' day as date) as month_end
    from month_spine
    where month <= $as_of
),

-- revenue of each account in the months it has a running subscription
account_revenue as (
    select s.account_id, m.month, sum(s.mrr) as mrr
    from subscription_periods as s
    join months as m
      on s.start_date <= m.month_end
     and (s.end_date is null or s.end_date >= m.month_end)
    group by s.account_id, m.month
),

-- an account enters the grid in its first paying month (a zero-MRR plan does not make it active)
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
