from beatbook.cli import main

main()
