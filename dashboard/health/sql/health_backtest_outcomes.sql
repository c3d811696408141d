-- Back-test outcomes: what happened to each account paying in month $month over the next $horizon months.
-- Grain: one row per account with MRR > 0 in $month in the account-month MRR grid $grid.
-- Columns: account_id, mrr (in $month), lowest_mrr (the lowest MRR of months $month + 1 to
-- $month + $horizon; 0 = churned), churned (true when MRR reached 0 in that span).
-- An account "contracted by more than X%" when lowest_mrr < mrr x (1 - X / 100); X is applied later,
-- so moving the X slider needs no query.
with

-- MRR as exact decimals in the scored month
scored as (
    select account_id, mrr from query_table($grid) where month = $month and mrr > 0
),

-- the months after, up to the horizon (the grid is dense, so a churned month is a row with 0)
later as (
    select account_id, min(mrr) as lowest_mrr
    from query_table($grid)
    where month > $month and month <= cast($month + $horizon * interval '1' month as date)
    group by account_id
),

final as (
    select s.account_id, cast(s.mrr as double) as mrr, cast(l.lowest_mrr as double) as lowest_mrr,
           l.lowest_mrr = 0 as churned
    from scored as s
    join later as l on l.account_id = s.account_id
)

select * from final order by account_id
