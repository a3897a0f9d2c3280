curl --fail-with-body --silent --show-error \
  "${LEAT_BASE_URL:-https://api.piggy.eu/api/v3/oauth/clients}/units" \
  --request POST \
  --header "Authorization: Bearer $LEAT_API_KEY" \
  --header "Accept: application/json" \
  --header "Content-Type: application/json" \
  --data '{"name": "calories", "label": "Calories", "prefix": "kcal", "is_default": false}'
