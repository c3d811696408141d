-- Health measures of the paying accounts in the months $first to $last: each measure's value (from
-- the values table $health_measure_values, health_measure_values.sql) and its percentile within the month.
-- Grain: one row per account and month with MRR > 0, $first <= month <= $last.
-- Columns: every column of health_measure_values.sql (account_id, month, mrr, each measure), then
-- <measure>_pct per measure: its percentile among the month's paying accounts that have it
-- (100 x (share below + half the share tied), in 0-100; null where the measure is).
-- How: per measure, the accounts holding each distinct value in a month are counted, the counts are
-- summed in value order, and every row finds its value's percentile by a join on (month, value).
-- Far fewer rows are sorted than by ranking every row (integer-valued measures have a few dozen
-- distinct values a month), and no row numbering or join on a row key is needed.
with

-- only the months asked for (percentiles are within a month, so other months change nothing)
wanted as (
    select * from query_table($health_measure_values) where month between $first and $last
),

-- the mid-rank percentile of each distinct value: 100 x (accounts below + half the accounts tied) / accounts
-- with the measure, written as 50 x (2 x accounts up to and including the value - accounts tied) / accounts
logins_per_user_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, logins_per_user as value, count(*) as tied from wanted where logins_per_user is not null group by month, logins_per_user) as counted
),

-- seat_utilisation: the same, for its values
seat_utilisation_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, seat_utilisation as value, count(*) as tied from wanted where seat_utilisation is not null group by month, seat_utilisation) as counted
),

-- feature_breadth: the same, for its values
feature_breadth_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, feature_breadth as value, count(*) as tied from wanted where feature_breadth is not null group by month, feature_breadth) as counted
),

-- new_feature_adoption: the same, for its values
new_feature_adoption_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, new_feature_adoption as value, count(*) as tied from wanted where new_feature_adoption is not null group by month, new_feature_adoption) as counted
),

-- usage_trend: the same, for its values
usage_trend_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, usage_trend as value, count(*) as tied from wanted where usage_trend is not null group by month, usage_trend) as counted
),

-- spend_change: the same, for its values
spend_change_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, spend_change as value, count(*) as tied from wanted where spend_change is not null group by month, spend_change) as counted
),

-- support_tickets: the same, for its values
support_tickets_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, support_tickets as value, count(*) as tied from wanted where support_tickets is not null group by month, support_tickets) as counted
),

-- nps: the same, for its values
nps_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, nps as value, count(*) as tied from wanted where nps is not null group by month, nps) as counted
),

-- months_to_renewal: the same, for its values
months_to_renewal_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, months_to_renewal as value, count(*) as tied from wanted where months_to_renewal is not null group by month, months_to_renewal) as counted
),

-- tenure_months: the same, for its values
tenure_months_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, tenure_months as value, count(*) as tied from wanted where tenure_months is not null group by month, tenure_months) as counted
),

-- product_count: the same, for its values
product_count_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, product_count as value, count(*) as tied from wanted where product_count is not null group by month, product_count) as counted
),

-- drop_from_peak: the same, for its values
drop_from_peak_pct as (
    select month, value,
           50 * cast(2 * sum(tied) over (partition by month order by value rows unbounded preceding) - tied as double)
              / sum(tied) over (partition by month) as pct
    from (select month, drop_from_peak as value, count(*) as tied from wanted where drop_from_peak is not null group by month, drop_from_peak) as counted
),

-- every wanted row with each measure's percentile beside it
final as (
    select wanted.*,
           logins_per_user_pct.pct as logins_per_user_pct,
           seat_utilisation_pct.pct as seat_utilisation_pct,
           feature_breadth_pct.pct as feature_breadth_pct,
           new_feature_adoption_pct.pct as new_feature_adoption_pct,
           usage_trend_pct.pct as usage_trend_pct,
           spend_change_pct.pct as spend_change_pct,
           support_tickets_pct.pct as support_tickets_pct,
           nps_pct.pct as nps_pct,
           months_to_renewal_pct.pct as months_to_renewal_pct,
           tenure_months_pct.pct as tenure_months_pct,
           product_count_pct.pct as product_count_pct,
           drop_from_peak_pct.pct as drop_from_peak_pct
    from wanted
    left join logins_per_user_pct on logins_per_user_pct.month = wanted.month and logins_per_user_pct.value = wanted.logins_per_user
    left join seat_utilisation_pct on seat_utilisation_pct.month = wanted.month and seat_utilisation_pct.value = wanted.seat_utilisation
    left join feature_breadth_pct on feature_breadth_pct.month = wanted.month and feature_breadth_pct.value = wanted.feature_breadth
    left join new_feature_adoption_pct on new_feature_adoption_pct.month = wanted.month and new_feature_adoption_pct.value = wanted.new_feature_adoption
    left join usage_trend_pct on usage_trend_pct.month = wanted.month and usage_trend_pct.value = wanted.usage_trend
    left join spend_change_pct on spend_change_pct.month = wanted.month and spend_change_pct.value = wanted.spend_change
    left join support_tickets_pct on support_tickets_pct.month = wanted.month and support_tickets_pct.value = wanted.support_tickets
    left join nps_pct on nps_pct.month = wanted.month and nps_pct.value = wanted.nps
    left join months_to_renewal_pct on months_to_renewal_pct.month = wanted.month and months_to_renewal_pct.value = wanted.months_to_renewal
    left join tenure_months_pct on tenure_months_pct.month = wanted.month and tenure_months_pct.value = wanted.tenure_months
    left join product_count_pct on product_count_pct.month = wanted.month and product_count_pct.value = wanted.product_count
    left join drop_from_peak_pct on drop_from_peak_pct.month = wanted.month and drop_from_peak_pct.value = wanted.drop_from_peak
)

select * from final
