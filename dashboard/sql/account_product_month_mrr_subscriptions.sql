-- Account x product month MRR from subscriptions (the unit of the product split).
-- Grain: one row per account, product and month, from the first month the account pays for that
-- product through the as-of month ($as_of, first day of a month). Dense: a month without revenue
-- is a row with mrr 0, so a cross-sell is new revenue of its product and a dropped product churns.
-- Columns: account_id (text), product (text; "(none)" when empty), month (date, first day),
-- mrr (DECIMAL(38, 6)).
-- Rule (PRODUCT.md): a subscription counts in month M when it runs on the last day of M.
-- Plain standard SQL, like account_month_mrr_subscriptions.sql.
with recursive

-- exact decimals; a subscription without a product still belongs to a unit
subscription_periods as (
    select account_id, coalesce(product, '(none)') as product, start_date, end_date,
           cast(mrr as decimal(38, 6)) as mrr
    from subscriptions
    where start_date is not null and mrr is not null
),

-- every month from the first start to the as-of month
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

-- revenue of each account and product in the months it has a running subscription
unit_revenue as (
    select s.account_id, s.product, m.month, sum(s.mrr) as mrr
    from subscription_periods as s
    join months as m
      on s.start_date <= m.month_end
     and (s.end_date is null or s.end_date >= m.month_end)
    group by s.account_id, s.product, m.month
),

-- a unit enters the grid in its first paying month
first_months as (
    select account_id, product, min(month) as first_month
    from unit_revenue
    where mrr > 0
    group by account_id, product
),

-- dense grid so that a month without revenue shows as 0
final as (
    select f.account_id, f.product, m.month, cast(coalesce(r.mrr, 0) as decimal(38, 6)) as mrr
    from first_months as f
    join months as m on m.month >= f.first_month
    left join unit_revenue as r
      on r.account_id = f.account_id and r.product = f.product and r.month = m.month
)

-- stored by month: a window reads two months, and the order lets it skip the rest
select * from final order by month, account_id, product
