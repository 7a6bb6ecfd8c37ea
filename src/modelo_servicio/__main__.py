from modelo_servicio.cli.app import main

main()
