-- NRR / GRR bridge (waterfall) over a window from month $start to month $end, optionally by group.
-- Grain: one row per group ($by: null = one group for everything, 'segment' / 'csm' / 'region' /
-- 'industry' = the accounts table's value, 'product' = the product of an account x product unit);
-- groups with no revenue at $start or $end are left out.
-- Columns: grp ("(none)" when the value is empty), starting_mrr, expansion, contraction, churn,
-- retained_mrr, new, reactivation, ending_mrr, nrr, grr, accounts_start, accounts_retained.
-- starting - ... is exact: starting + expansion - contraction - churn = retained_mrr and
-- retained_mrr + new + reactivation = ending_mrr.
-- The unit is the account; with $by = 'product' it is account x product (so a cross-sell is new).
-- Keep the CTEs up to `classified` identical to bridge_accounts.sql.
with

-- the account x product grid at the window's two ends (account_product_month_mrr_*.sql)
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

-- one row per account even if the accounts table repeats one (ingest forbids it; sums must not double)
account_attributes as (
    select account_id, min(segment) as segment, min(csm) as csm, min(region) as region,
           min(industry) as industry
    from accounts
    group by account_id
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
    left join account_attributes as a on a.account_id = u.account_id
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

-- the bridge per group
bridge as (
    select
        grp,
        sum(mrr_start) as starting_mrr,
        sum(expansion) as expansion,
        sum(contraction) as contraction,
        sum(churn) as churn,
        sum(case when mrr_start > 0 then mrr_end else 0 end) as retained_mrr,
        sum("new") as "new",
        sum(reactivation) as reactivation,
        sum(mrr_end) as ending_mrr,
        count(case when mrr_start > 0 then 1 end) as accounts_start,
        count(case when mrr_start > 0 and mrr_end > 0 then 1 end) as accounts_retained
    from classified
    group by grp
    having sum(mrr_start) > 0 or sum(mrr_end) > 0
),

-- NRR and GRR of the starting cohort; undefined (null) without a cohort
final as (
    select
        grp, starting_mrr, expansion, contraction, churn, retained_mrr, "new", reactivation, ending_mrr,
        case when starting_mrr > 0
             then cast(retained_mrr as double) / cast(starting_mrr as double) end as nrr,
        case when starting_mrr > 0
             then cast(starting_mrr - contraction - churn as double) / cast(starting_mrr as double) end as grr,
        accounts_start,
        accounts_retained
    from bridge
)

select * from final order by grp
