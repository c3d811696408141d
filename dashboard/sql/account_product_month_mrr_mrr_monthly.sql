-- Account x product month MRR from mrr_monthly (the unit of the product split).
-- Grain: one row per account, product and month, from the first month the account pays for that
-- product through the as-of month ($as_of, first day of a month). Dense: a month without revenue
-- is a row with mrr 0.
-- Columns: account_id (text), product (text; "(none)" when the table has no product),
-- month (date, first day), mrr (DECIMAL(38, 6)).
-- Rule (PRODUCT.md): rows of one account, product and month are summed.
-- Plain standard SQL, like account_month_mrr_mrr_monthly.sql.
with recursive

-- exact decimals, month as its first day, and a unit even when the file has no product
monthly_lines as (
    select account_id, coalesce(product, '(none)') as product,
           cast(date_trunc('month', month) as date) as month, cast(mrr as decimal(38, 6)) as mrr
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

-- several rows of one unit and month are summed
unit_revenue as (
    select account_id, product, month, sum(mrr) as mrr
    from monthly_lines
    where month <= $as_of
    group by account_id, product, month
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
