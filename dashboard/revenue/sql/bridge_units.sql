-- The units of the NRR bridge over the window $start -> $end, each with the bar it adds to: the chain
-- nrr_bridge.sql (the bridge) and bridge_accounts.sql (a bar's accounts) both read, so a bar and its
-- drill-down always count the same units.
-- Grain: one row per unit (the account; account x product when $by = 'product') with revenue in
-- $start or $end. Its group ($by: null = one group, 'segment' / 'csm' / 'region' / 'industry' = the
-- accounts table's value, 'product' = the unit's product; "(none)" when empty).
-- Columns: account_id, product ('' unless $by = 'product'), grp, mrr_start, mrr_end, expansion,
-- contraction, churn, new, reactivation (each unit's amount in that bar, else 0).
with

-- the account x product grid at the window's two ends (account_product_month_mrr.sql)
unit_month as (
    select account_id, product, month, mrr
    from query_table($grid)
    where month = $start or month = $end
),

-- the unit: account x product for the product split, else the account (its products summed)
unit_keyed as (
    select account_id, case when cast($by as varchar) = 'product' then product else '' end as product, month, mrr
    from unit_month
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
    from unit_keyed
    group by account_id, product
),

-- the group of a unit: the accounts table's value for its account, or its product
grouped as (
    select
        u.*,
        coalesce(case cast($by as varchar)
            when 'product' then u.product
            when 'segment' then a.segment
            when 'csm' then a.csm
            when 'region' then a.region
            when 'industry' then a.industry
        end, '(none)') as grp
    from units as u
    left join query_table($account_attributes) as a on a.account_id = u.account_id
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
    from grouped
),

-- one row per unit with its amount in each bar
final as (
    select account_id, product, grp, mrr_start, mrr_end, expansion, contraction, churn, "new", reactivation
    from classified
)

select * from final
