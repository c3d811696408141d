-- Revenue of each account and product from subscriptions, in the months it has a running
-- subscription through the as-of month ($as_of, first day of a month); sparse: a month without a
-- running subscription has no row. account_product_month_mrr.sql makes it the dense grid.
-- Columns: account_id (text), product (text; "(none)" when empty), month (date, first day),
-- mrr (DECIMAL(38, 6)).
-- Rule (PRODUCT.md): a subscription counts in month M when it runs on the last day of M.
-- Plain standard SQL (recursive CTE, interval arithmetic, no engine-specific functions) so this
-- heavy aggregation can also run in PostgreSQL or Spark.
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
final as (
    select s.account_id, s.product, m.month, sum(s.mrr) as mrr
    from subscription_periods as s
    join months as m
      on s.start_date <= m.month_end
     and (s.end_date is null or s.end_date >= m.month_end)
    group by s.account_id, s.product, m.month
)

select * from final
