-- NRR and GRR trend: the window E - $months -> E for every month E.
-- Grain: one row per end month E, from the first month with MRR plus $months through the as-of
-- month of the grid $grid.
-- Columns: month (E), nrr, grr, starting_mrr (the cohort's MRR at E - $months), ending_mrr (all MRR
-- at E, as in nrr_bridge.sql). nrr and grr are null when starting_mrr is 0.
with

-- the dense account-month grid with a month number, so "E minus k months" is a subtraction
account_month as (
    select account_id, month, mrr, extract(year from month) * 12 + extract(month from month) as month_number
    from query_table($grid)
),

-- windows start no earlier than the first month with MRR
bounds as (
    select min(month_number) as first_number from account_month
),

-- each account's MRR at the window's end next to its MRR at the start (null: not yet a customer)
paired as (
    select e.month, s.mrr as mrr_start, e.mrr as mrr_end
    from account_month as e
    cross join bounds as b
    left join account_month as s
      on s.account_id = e.account_id and s.month_number = e.month_number - $months
    where e.month_number >= b.first_number + $months
),

-- the starting cohort (MRR > 0 at the start) and what it pays at the end
windows as (
    select
        month,
        sum(case when mrr_start > 0 then mrr_start else 0 end) as starting_mrr,
        sum(case when mrr_start > 0 then mrr_end else 0 end) as retained_mrr,
        sum(case when mrr_start > 0 then least(mrr_start, mrr_end) else 0 end) as floor_mrr,
        sum(mrr_end) as ending_mrr
    from paired
    group by month
),

-- the ratios; undefined without a cohort
final as (
    select
        month,
        case when starting_mrr > 0 then cast(retained_mrr as double) / cast(starting_mrr as double) end as nrr,
        case when starting_mrr > 0 then cast(floor_mrr as double) / cast(starting_mrr as double) end as grr,
        starting_mrr,
        ending_mrr
    from windows
)

select * from final order by month
