-- The units of the NRR bridge over the window $start -> $end, each with the bar it adds to, built once
-- per window (a derived table): nrr_bridge.sql (the bridge, whole or split) and bridge_accounts.sql (a
-- bar's accounts) both read it, so a bar and its drill-down always count the same units, and a split or
-- a drill-down is one scan of it instead of a new pass over the grid.
-- Grain: one row per unit with revenue in $start or $end: the account, or account x product when
-- $by_product (the product split's unit, so a cross-sell is new revenue of its product).
-- Columns: account_id, product ('' unless $by_product), account_name, segment, csm, region, industry
-- (the accounts table's values, null when it has none), mrr_start, mrr_end, expansion, contraction,
-- churn, new, reactivation (each unit's amount in that bar, else 0; DECIMAL(18, 6)).
with

-- the account x product grid at the window's two ends (account_product_month_mrr.sql)
unit_month as (
    select account_id, case when $by_product then product else '' end as product, month, mrr
    from query_table($grid)
    where month = $start or month = $end
),

-- each unit's MRR at the start and at the end of the window, and whether it paid before the start:
-- the grid is dense from a unit's first paying month, so a row at the start with MRR 0 means it paid
-- earlier, and no row at the start means it first paid later
units as (
    select
        account_id,
        product,
        sum(case when month = $start then mrr else 0 end) as mrr_start,
        sum(case when month = $end then mrr else 0 end) as mrr_end,
        max(case when month = $start and mrr = 0 then 1 else 0 end) as paid_before_start
    from unit_month
    group by account_id, product
),

-- the bar each unit adds to: the cohort (paying at the start) compares end with start; a unit
-- paying only at the end is new (never paid before the start) or a reactivation
classified as (
    select
        *,
        case when mrr_start > 0 and mrr_end > mrr_start then mrr_end - mrr_start else 0 end as expansion,
        case when mrr_start > 0 and mrr_end > 0 and mrr_end < mrr_start then mrr_start - mrr_end else 0 end
            as contraction,
        case when mrr_start > 0 and mrr_end = 0 then mrr_start else 0 end as churn,
        case when mrr_start = 0 and mrr_end > 0 and paid_before_start = 0 then mrr_end else 0 end as "new",
        case when mrr_start = 0 and mrr_end > 0 and paid_before_start = 1 then mrr_end else 0 end
            as reactivation
    from units
),

-- the names and groups the room knows each unit's account by, kept with the unit (a split or a
-- drill-down then needs no join); a unit's amounts as 64-bit decimals, which sum twice as fast as the
-- grid's 128-bit ones and hold any monthly amount below 10^12 exactly (the sums stay 128-bit)
final as (
    select c.account_id, c.product, a.account_name, a.segment, a.csm, a.region, a.industry,
           cast(c.mrr_start as decimal(18, 6)) as mrr_start, cast(c.mrr_end as decimal(18, 6)) as mrr_end,
           cast(c.expansion as decimal(18, 6)) as expansion, cast(c.contraction as decimal(18, 6)) as contraction,
           cast(c.churn as decimal(18, 6)) as churn, cast(c."new" as decimal(18, 6)) as "new",
           cast(c.reactivation as decimal(18, 6)) as reactivation
    from classified as c
    left join query_table($account_attributes) as a on a.account_id = c.account_id
)

-- stored by account: a drill-down reads the accounts of one bar in that order
select * from final order by account_id, product
