-- The accounts behind one bar of the NRR bridge (drill-down of nrr_bridge.sql).
-- Grain: one row per account in bar $category ('starting', 'expansion', 'contraction', 'churn',
-- 'retained', 'new', 'reactivation', 'ending') of the window $start -> $end, within group $group of
-- split $by (both null = everything). With the product split an account's units in the bar are
-- summed.
-- Columns: account_id, account_name, segment, csm, region, mrr_start, mrr_end, change.
-- Keep the CTEs up to `classified` identical to nrr_bridge.sql.
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
    select account_id, min(account_name) as account_name, min(segment) as segment, min(csm) as csm,
           min(region) as region, min(industry) as industry
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

-- the units in the chosen bar and group
chosen as (
    select account_id, mrr_start, mrr_end
    from classified
    where (cast($group as varchar) is null or grp = cast($group as varchar))
      and case cast($category as varchar)
            when 'starting' then mrr_start > 0
            when 'expansion' then expansion > 0
            when 'contraction' then contraction > 0
            when 'churn' then churn > 0
            when 'retained' then mrr_start > 0 and mrr_end > 0
            when 'new' then "new" > 0
            when 'reactivation' then reactivation > 0
            when 'ending' then mrr_end > 0
            else false
          end
),

-- one row per account, with the names the room knows it by
final as (
    select c.account_id, a.account_name, a.segment, a.csm, a.region,
           sum(c.mrr_start) as mrr_start, sum(c.mrr_end) as mrr_end, sum(c.mrr_end) - sum(c.mrr_start) as change
    from chosen as c
    left join account_attributes as a on a.account_id = c.account_id
    group by c.account_id, a.account_name, a.segment, a.csm, a.region
)

-- the amount the bar shows, biggest first
select * from final
order by
    case cast($category as varchar)
        when 'starting' then mrr_start
        when 'churn' then mrr_start
        when 'expansion' then abs(change)
        when 'contraction' then abs(change)
        else mrr_end
    end desc,
    account_id
