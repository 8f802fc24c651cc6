// 6 generated cases; the candidate is as good as the baseline
cases = 6
worse = false
evaluate(new File(itCommon, 'gate-endpoint.groovy'))
