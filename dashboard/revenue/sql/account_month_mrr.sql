-- Account-month MRR: the account x product grid (account_product_month_mrr.sql) with each
-- account's products summed, whichever revenue table the version holds.
-- Grain: one row per account and month, from the account's first month with MRR > 0 through the
-- as-of month. Dense: a month without revenue is a row with mrr 0, so churn and reactivation are
-- visible. (MRR is never negative, so an account pays in a month exactly when one of its products
-- does: its first month is its first product's, and every later month has a row.)
-- Columns: account_id (text), month (date, first day), mrr (DECIMAL(38, 6), exact sums).
with

-- the account's products summed in each month
final as (
    select account_id, month, cast(sum(mrr) as decimal(38, 6)) as mrr
    from query_table($product_grid)
    group by account_id, month
)

select * from final
