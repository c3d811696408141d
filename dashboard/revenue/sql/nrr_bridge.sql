-- NRR / GRR bridge (waterfall) over a window from month $start to month $end, optionally by group.
-- Grain: one row per group ($by: null = one group for everything, 'segment' / 'csm' / 'region' /
-- 'industry' = the accounts table's value, 'product' = the product of an account x product unit);
-- groups with no revenue at $start or $end are left out.
-- Columns: grp ("(none)" when the value is empty), starting_mrr, expansion, contraction, churn,
-- retained_mrr, new, reactivation, ending_mrr, nrr, grr, accounts_start, accounts_retained.
-- starting - ... is exact: starting + expansion - contraction - churn = retained_mrr and
-- retained_mrr + new + reactivation = ending_mrr.
-- The unit is the account; with $by = 'product' it is account x product (so a cross-sell is new).
-- The units and their bars are the window's bridge_units.sql table ($units), grouped by
-- bridge_groups.sql, which bridge_accounts.sql reads too.
with

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
    from query_table($ref_bridge_groups)
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
