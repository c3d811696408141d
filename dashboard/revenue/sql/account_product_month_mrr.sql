-- Account x product month MRR (the unit of the product split), made dense from the revenue table's
-- unit revenue: unit_revenue_subscriptions.sql or unit_revenue_mrr_monthly.sql, whichever table
-- the version holds.
-- Grain: one row per account, product and month, from the first month the account pays for that
-- product through the as-of month ($as_of, first day of a month). Dense: a month without revenue
-- is a row with mrr 0, so a cross-sell is new revenue of its product and a dropped product churns.
-- Columns: account_id (text), product (text; "(none)" when empty), month (date, first day),
-- mrr (DECIMAL(38, 6)).
-- Plain standard SQL, like unit_revenue_subscriptions.sql.
with recursive

-- a unit enters the grid in its first paying month
first_months as (
    select account_id, product, min(month) as first_month
    from query_table($ref_unit_revenue)
    where mrr > 0
    group by account_id, product
),

-- every month from the first paying month of any unit to the as-of month
month_spine (month) as (
    select min(first_month) from first_months
    union all
    select cast(month + interval '1' month as date) from month_spine where month < $as_of
),

-- the calendar, cut at the as-of month
months as (
    select month from month_spine where month <= $as_of
),

-- dense grid so that a month without revenue shows as 0
final as (
    select f.account_id, f.product, m.month, cast(coalesce(r.mrr, 0) as decimal(38, 6)) as mrr
    from first_months as f
    join months as m on m.month >= f.first_month
    left join query_table($ref_unit_revenue) as r
      on r.account_id = f.account_id and r.product = f.product and r.month = m.month
)

-- stored by month: a window reads two months, and the order lets it skip the rest
select * from final order by month, account_id, product
