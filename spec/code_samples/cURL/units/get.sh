curl --fail-with-body --silent --show-error \
  "${LEAT_BASE_URL:-https://api.piggy.eu/api/v3/oauth/clients}/units" \
  --header "Authorization: Bearer $LEAT_API_KEY" \
  --header "Accept: application/json"
