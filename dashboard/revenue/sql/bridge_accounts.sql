-- The accounts behind one bar of the NRR bridge (drill-down of nrr_bridge.sql).
-- Grain: one row per account in bar $category ('starting', 'expansion', 'contraction', 'churn',
-- 'retained', 'new', 'reactivation', 'ending') of the window $start -> $end, within group $group of
-- split $by (both null = everything). With the product split an account's units in the bar are
-- summed.
-- Columns: account_id, account_name, segment, csm, region, mrr_start, mrr_end, change.
-- The units and their bars are the window's bridge_units.sql table ($units), grouped by
-- bridge_groups.sql, which nrr_bridge.sql reads too.
with

-- the units in the chosen bar and group
chosen as (
    select account_id, account_name, segment, csm, region, mrr_start, mrr_end
    from query_table($ref_bridge_groups)
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
    select account_id, account_name, segment, csm, region,
           sum(mrr_start) as mrr_start, sum(mrr_end) as mrr_end, sum(mrr_end) - sum(mrr_start) as change
    from chosen
    group by account_id, account_name, segment, csm, region
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
