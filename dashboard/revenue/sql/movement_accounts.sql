-- The accounts behind one month's movements (drill-down of monthly_movements.sql).
-- Grain: one row per account with a movement in month $month.
-- Columns: account_id, account_name, segment, category, previous_mrr, mrr, change.
with

-- the accounts that moved in the month
moved as (
    select account_id, category, previous_mrr, mrr, change
    from query_table($movements)
    where month = $month and category is not null
),

-- one row per account even if the accounts table repeats one (ingest forbids it; sums must not double)
account_attributes as (
    select account_id, min(account_name) as account_name, min(segment) as segment
    from accounts
    group by account_id
),

-- names for the room, biggest movements first within each category
final as (
    select m.account_id, a.account_name, a.segment, m.category, m.previous_mrr, m.mrr, m.change
    from moved as m
    left join account_attributes as a on a.account_id = m.account_id
)

select * from final
order by
    case category when 'new' then 1 when 'reactivation' then 2 when 'expansion' then 3
                  when 'contraction' then 4 else 5 end,
    abs(change) desc,
    account_id
