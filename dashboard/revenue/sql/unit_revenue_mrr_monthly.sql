-- Revenue of each account and product from mrr_monthly, through the as-of month ($as_of, first day
-- of a month); sparse: a month the table has no row for has no row here.
-- account_product_month_mrr.sql makes it the dense grid.
-- Columns: account_id (text), product (text; "(none)" when the table has no product),
-- month (date, first day), mrr (DECIMAL(38, 6)).
-- Rule (PRODUCT.md): rows of one account, product and month are summed.
-- Plain standard SQL, like unit_revenue_subscriptions.sql.
with

-- exact decimals, month as its first day, and a unit even when the file has no product
monthly_lines as (
    select account_id, coalesce(product, '(none)') as product,
           cast(date_trunc('month', month) as date) as month, cast(mrr as decimal(38, 6)) as mrr
    from mrr_monthly
    where month is not null and mrr is not null
),

-- several rows of one unit and month are summed
final as (
    select account_id, product, month, sum(mrr) as mrr
    from monthly_lines
    where month <= $as_of
    group by account_id, product, month
)

select * from final
