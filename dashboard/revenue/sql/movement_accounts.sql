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

-- names for the room, biggest movements first within each category
final as (
    select m.account_id, a.account_name, a.segment, m.category, m.previous_mrr, m.mrr, m.change
    from moved as m
    left join query_table($account_attributes) as a on a.account_id = m.account_id
)

select * from final
order by
    case category when 'new' then 1 when 'reactivation' then 2 when 'expansion' then 3
                  when 'contraction' then 4 else 5 end,
    abs(change) desc,
    account_id
